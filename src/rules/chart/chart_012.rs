use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Range;
use crate::rules::chart::helm_fields::{
    is_constraint, is_email, is_maintainer_url, is_request_url,
};
use crate::rules::chart::keywords::{chart_yaml, type_name_zh, ChartYaml};
use crate::rules::Findings;
use crate::text;
use crate::yaml::{Entry, Kind, Node, Value};

declare_rule! {
    /// ## What it does
    /// Reports what Helm 3 refuses or `helm lint` rejects in the fields of `Chart.yaml` other
    /// than `name` (CHART-001), `version` (CHART-007) and `apiVersion` (CHART-008). Every case
    /// is an error, at the offending value:
    /// - the file's root is not a map (Helm refuses to load the chart);
    /// - a text field (`description`, `home`, `icon`, `appVersion`, `kubeVersion`, `type`,
    ///   `condition`, `tags`) written as a map or a list; a number or boolean there is read as
    ///   text and passes, except as below (Helm refuses to load the chart);
    /// - `appVersion` not a string: `appVersion: 1.0` is the float 1 to Helm (`helm lint`:
    ///   "appVersion should be of type string");
    /// - `deprecated` not a boolean (`deprecated: "yes"`; Helm refuses to load the chart);
    /// - `type` other than `application` or `library` (Helm refuses to load the chart), and
    ///   `type: library` (Helm refuses to install a library chart, and a cloud product is
    ///   installed);
    /// - `keywords`, `sources`, `maintainers` or `dependencies` not a list, `annotations` not a
    ///   map, an annotation value that is a map or a list (Helm refuses to load the chart);
    /// - a `maintainers` item that is empty or not a map (Helm refuses), one without a `name`
    ///   (`helm lint`: "each maintainer requires a name"), an `email` or `url` Helm finds
    ///   invalid (`helm lint`);
    /// - an `icon` or `sources` item that is not an absolute URL with a scheme (`helm lint`:
    ///   "invalid icon URL", "invalid source URL");
    /// - a `dependencies` item that is empty or not a map, a field of it of the wrong type
    ///   (`enabled: "yes"`, `tags: a`), or one without a `name` (Helm can never find it);
    /// - a `kubeVersion` that is no version constraint (`bogus`, `>=1.2.3.4`): Helm refuses to
    ///   install the chart on any cluster; a number whose text Helm reads differently
    ///   (`kubeVersion: 1.20` is `1.2` to Helm).
    ///
    /// Items of `keywords` are the ECP rules' (CHART-002, CHART-009). When Chart.yaml has a YAML
    /// syntax error (HELM-001), what stands before the error is checked all the same, except
    /// that a maintainer or dependency without a `name` is not reported (it may follow).
    ///
    /// ## Why
    /// The guide builds on the Helm chart format (§1.1.6.2: "在 Helm Chart 的规范基础上") and its
    /// Makefile runs `helm lint` and `helm package` (§1.1.6.9): a Chart.yaml Helm refuses is no
    /// product at all. What is reported is exactly what helm v3.17.3 refuses or `helm lint`
    /// reports as an error, measured case by case in `tests/helm/chart-yaml.json`
    /// (`scripts/helm-oracle/chart-cases.py`).
    ///
    /// ## 中文
    /// 报告 `Chart.yaml` 中 Helm 3 拒绝加载或 `helm lint` 报错的字段（`name`、`version`、`apiVersion`
    /// 由 CHART-001/007/008 检查）：根不是映射；文本字段写成映射或列表；`appVersion` 不是字符串；
    /// `deprecated` 不是布尔值；`type` 不是 `application`/`library`，或是 `library`（无法安装）；
    /// `keywords`/`sources`/`maintainers`/`dependencies` 不是列表、`annotations` 不是映射；维护者为空、
    /// 缺少 `name`、`email` 或 `url` 无效；`icon`、`sources` 不是带协议的绝对 URL；依赖项为空、类型错误或
    /// 缺少 `name`；`kubeVersion` 不是版本约束。均为错误。Chart.yaml 有 YAML 语法错误时仍检查错误之前的部分
    /// （但不报告缺少 `name`）。
    ///
    /// ## Example
    /// ```yaml,fail,file=Chart.yaml
    /// apiVersion: v1
    /// description: Helm mycloud-product
    /// name: mycloud-product
    /// version: 1.0.0
    /// appVersion: 1.0
    /// deprecated: "no"
    /// maintainers: OpenStack-Helm Authors
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    /// ```yaml,pass,file=Chart.yaml
    /// apiVersion: v1
    /// description: Helm mycloud-product
    /// name: mycloud-product
    /// version: 1.0.0
    /// appVersion: "1.0"
    /// deprecated: false
    /// maintainers:
    ///   - name: OpenStack-Helm Authors
    /// keywords:
    ///   - creator:ems_service_chart
    ///   - zh_CN:我的云产品描述
    ///   - en:description of mycloud-product
    ///   - name_zh_CN:我的云产品
    ///   - name_en:mycloud-product
    /// ```
    RULE = "CHART-012", Chart, Error, "§1.1.6.2",
    "Chart.yaml field Helm refuses", "Helm 不接受的 Chart.yaml 字段", Chart(check)
}

/// Fields Helm reads as text (`name`, `version`, `apiVersion`: their own rules).
const TEXT_FIELDS: &[&str] = &[
    "description",
    "home",
    "icon",
    "appVersion",
    "kubeVersion",
    "type",
    "condition",
    "tags",
];

/// The text Helm makes of a scalar read into a text field (`1.20` → `1.2`, `yes` → `true`,
/// null → empty).
fn helm_text(node: &Node) -> Option<String> {
    let s = node.as_scalar()?;
    Some(match s.value {
        Value::Null => String::new(),
        v => v.canonical(&s.text),
    })
}

fn is_collection(node: &Node) -> bool {
    matches!(node.kind, Kind::Map(_) | Kind::Seq(_))
}

struct Ctx<'a, 'o> {
    path: &'a str,
    out: &'o mut Findings,
}

impl Ctx<'_, '_> {
    /// A field whose YAML type Helm cannot read: it refuses to load the chart.
    fn wrong_type(&mut self, what: &str, node: &Node, want: &str, want_zh: &str) {
        let kind = node.type_name();
        let a = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let kind_zh = type_name_zh(node);
        self.out
            .report(
                self.path,
                Some(node.range),
                text!(
                    "{what} is {a} {kind}, not {want}: Helm refuses to load the chart",
                    "{what} 是{kind_zh}而不是{want_zh}：Helm 拒绝加载该 chart"
                ),
            )
            .help(text!("write {what} as {want}", "将 {what} 写成{want_zh}"));
    }

    fn lint(
        &mut self,
        range: Range,
        message: crate::diagnostic::Text,
        help: crate::diagnostic::Text,
    ) {
        self.out.report(self.path, Some(range), message).help(help);
    }
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(cy) = chart_yaml(chart) else { return };
    let path = cy.file.path.as_str();
    let mut cx = Ctx { path, out };
    if cy.root.is_none() {
        if let (true, None, Some(root)) = (cy.partial, cy.file.yaml.syntax_error(), cy.file.root())
        {
            cx.wrong_type("Chart.yaml", root, "a map of fields", "字段映射");
        }
        return;
    }
    text_fields(&cy, &mut cx);
    deprecated(&cy, &mut cx);
    for key in ["keywords", "sources", "maintainers", "dependencies"] {
        if let Some(e) = cy.entry(key) {
            if e.value.as_seq().is_none() && !e.value.is_null() {
                cx.wrong_type(&format!("`{key}`"), &e.value, "a list", "列表");
            }
        }
    }
    if let Some(e) = cy.entry("annotations") {
        match e.value.as_map() {
            Some(entries) => {
                for a in entries.iter().filter(|a| is_collection(&a.value)) {
                    let k = a.key.key_string();
                    cx.wrong_type(&format!("annotation `{k}`"), &a.value, "a string", "字符串");
                }
            }
            None if !e.value.is_null() => {
                cx.wrong_type("`annotations`", &e.value, "a map of strings", "字符串映射")
            }
            None => {}
        }
    }
    sources(&cy, &mut cx);
    maintainers(&cy, &mut cx);
    dependencies(&cy, &mut cx);
}

fn text_fields(cy: &ChartYaml, cx: &mut Ctx) {
    for key in TEXT_FIELDS {
        let Some(e) = cy.entry(key) else { continue };
        if is_collection(&e.value) {
            cx.wrong_type(&format!("`{key}`"), &e.value, "a string", "字符串");
        }
    }
    if let Some(e) = cy.entry("appVersion") {
        if let Some(s) = e.value.as_scalar().filter(|s| s.value != Value::Str) {
            let kind = e.value.type_name();
            let kind_zh = type_name_zh(&e.value);
            let written = &s.text;
            let range = if e.value.is_null() {
                e.key.range
            } else {
                e.value.range
            };
            cx.lint(
                range,
                text!(
                    "`appVersion` is a YAML {kind}, not a string (`helm lint`: \"appVersion should be of type string\")",
                    "`appVersion` 在 YAML 中是{kind_zh}而不是字符串（`helm lint`：\"appVersion should be of type string\"）"
                ),
                if e.value.is_null() {
                    text!(
                        "write the application's version as a string, e.g. `appVersion: \"1.0.0\"`, or remove the key",
                        "将应用版本写成字符串，例如 `appVersion: \"1.0.0\"`，或删除该键"
                    )
                } else {
                    text!(
                        "quote it: `appVersion: \"{written}\"`",
                        "加引号：`appVersion: \"{written}\"`"
                    )
                },
            );
        }
    }
    if let Some(e) = cy.entry("type") {
        if let Some(t) = helm_text(&e.value) {
            match t.as_str() {
                "" | "application" => {}
                "library" => cx.lint(
                    e.value.range,
                    text!(
                        "`type: library`: Helm refuses to install a library chart (\"library charts are not installable\"), and a cloud product is installed",
                        "`type: library`：Helm 拒绝安装 library chart（\"library charts are not installable\"），而云产品需要安装"
                    ),
                    text!("remove `type` (or write `type: application`)", "删除 `type`（或写成 `type: application`）"),
                ),
                other => cx.lint(
                    e.value.range,
                    text!(
                        "`type: {other}` is neither `application` nor `library`: Helm refuses to load the chart",
                        "`type: {other}` 既不是 `application` 也不是 `library`：Helm 拒绝加载该 chart"
                    ),
                    text!("remove `type` (or write `type: application`)", "删除 `type`（或写成 `type: application`）"),
                ),
            }
        }
    }
    if let Some(e) = cy.entry("icon") {
        if let Some(icon) = helm_text(&e.value).filter(|t| !t.is_empty()) {
            if !is_request_url(&icon) {
                cx.lint(
                    e.value.range,
                    text!(
                        "`icon` `{icon}` is not an absolute URL (`helm lint`: \"invalid icon URL\")",
                        "`icon` `{icon}` 不是绝对 URL（`helm lint`：\"invalid icon URL\"）"
                    ),
                    text!(
                        "write the icon's full URL, e.g. `https://example.com/icon.png`",
                        "写出图标的完整 URL，例如 `https://example.com/icon.png`"
                    ),
                );
            }
        }
    }
    if let Some(e) = cy.entry("kubeVersion") {
        if let (Some(s), Some(read)) = (e.value.as_scalar(), helm_text(&e.value)) {
            if !read.is_empty() && !is_constraint(&read) {
                cx.lint(
                    e.value.range,
                    text!(
                        "`kubeVersion` `{read}` is not a version constraint: Helm refuses to install the chart on any cluster",
                        "`kubeVersion` `{read}` 不是版本约束：Helm 在任何集群上都拒绝安装该 chart"
                    ),
                    text!(
                        "write a constraint such as `\">=1.20.0-0\"`, or remove `kubeVersion`",
                        "写成版本约束，例如 `\">=1.20.0-0\"`，或删除 `kubeVersion`"
                    ),
                );
            } else if s.value != Value::Str && read != s.text {
                let written = &s.text;
                cx.lint(
                    e.value.range,
                    text!(
                        "`kubeVersion: {written}` is a YAML number: Helm reads it as `{read}`",
                        "`kubeVersion: {written}` 在 YAML 中是数字：Helm 读作 `{read}`"
                    ),
                    text!(
                        "quote it: `kubeVersion: \">={written}\"`",
                        "加引号：`kubeVersion: \">={written}\"`"
                    ),
                );
            }
        }
    }
}

fn deprecated(cy: &ChartYaml, cx: &mut Ctx) {
    let Some(e) = cy.entry("deprecated") else {
        return;
    };
    let ok = e.value.is_null()
        || e.value
            .as_scalar()
            .is_some_and(|s| matches!(s.value, Value::Bool(_)));
    if !ok {
        cx.wrong_type(
            "`deprecated`",
            &e.value,
            "a boolean (`true` or `false`)",
            "布尔值（`true` 或 `false`）",
        );
    }
}

fn sources(cy: &ChartYaml, cx: &mut Ctx) {
    let Some(items) = cy.entry("sources").and_then(|e| e.value.as_seq()) else {
        return;
    };
    for item in items {
        if is_collection(item) {
            cx.wrong_type("a `sources` item", item, "a URL string", "URL 字符串");
            continue;
        }
        let url = helm_text(item).unwrap_or_default();
        if !is_request_url(&url) {
            cx.lint(
                item.range,
                text!(
                    "source `{url}` is not an absolute URL (`helm lint`: \"invalid source URL\")",
                    "源码地址 `{url}` 不是绝对 URL（`helm lint`：\"invalid source URL\"）"
                ),
                text!(
                    "write the full URL, e.g. `https://git.example.com/product`",
                    "写出完整 URL，例如 `https://git.example.com/product`"
                ),
            );
        }
    }
}

/// The items of the list `key` that are maps, with their entries; an empty item (Helm refuses
/// to load the chart) and one of another type are reported.
fn map_items<'c>(cy: &'c ChartYaml, key: &str, cx: &mut Ctx) -> Vec<(&'c Node, &'c [Entry])> {
    let Some(items) = cy.entry(key).and_then(|e| e.value.as_seq()) else {
        return Vec::new();
    };
    let mut maps = Vec::new();
    for item in items {
        if item.is_null() {
            cx.lint(
                item.range,
                text!(
                    "an empty `{key}` item: Helm refuses to load the chart (\"{key} must not contain empty or null nodes\")",
                    "`{key}` 中有空项：Helm 拒绝加载该 chart（\"{key} must not contain empty or null nodes\"）"
                ),
                text!("remove the empty `-` line", "删除空的 `-` 行"),
            );
        } else if let Some(fields) = item.as_map() {
            maps.push((item, fields));
        } else {
            cx.wrong_type(
                &format!("a `{key}` item"),
                item,
                "a map (`- name: …`)",
                "映射（`- name: …`）",
            );
        }
    }
    maps
}

fn maintainers(cy: &ChartYaml, cx: &mut Ctx) {
    for (item, fields) in map_items(cy, "maintainers", cx) {
        for f in fields.iter().filter(|f| is_collection(&f.value)) {
            let k = f.key.key_string();
            if ["name", "email", "url"].contains(&k.as_str()) {
                cx.wrong_type(&format!("maintainer `{k}`"), &f.value, "a string", "字符串");
            }
        }
        let name = item.get("name").and_then(helm_text).unwrap_or_default();
        // Cut by a YAML error, the name may stand past what was read.
        if name.is_empty() && !cy.partial {
            cx.lint(
                item.range,
                text!(
                    "a maintainer without a `name` (`helm lint`: \"each maintainer requires a name\")",
                    "维护者缺少 `name`（`helm lint`：\"each maintainer requires a name\"）"
                ),
                text!("add `name: <maintainer>` to the item", "为该项添加 `name: <维护者>`"),
            );
        }
        if let Some(node) = item.get("email") {
            let email = helm_text(node).unwrap_or_default();
            if !email.is_empty() && !is_email(&email) {
                cx.lint(
                    node.range,
                    text!(
                        "maintainer email `{email}` is not an e-mail address (`helm lint`: \"invalid email\")",
                        "维护者邮箱 `{email}` 不是有效的邮件地址（`helm lint`：\"invalid email\"）"
                    ),
                    text!("write one address, e.g. `team@example.com`", "只写一个地址，例如 `team@example.com`"),
                );
            }
        }
        if let Some(node) = item.get("url") {
            let url = helm_text(node).unwrap_or_default();
            if !url.is_empty() && !is_maintainer_url(&url) {
                cx.lint(
                    node.range,
                    text!(
                        "maintainer url `{url}` is not a URL (`helm lint`: \"invalid url\")",
                        "维护者 url `{url}` 不是有效的 URL（`helm lint`：\"invalid url\"）"
                    ),
                    text!(
                        "write a URL such as `https://example.com/team`",
                        "写成 URL，例如 `https://example.com/team`"
                    ),
                );
            }
        }
    }
}

fn dependencies(cy: &ChartYaml, cx: &mut Ctx) {
    for (item, fields) in map_items(cy, "dependencies", cx) {
        for f in fields {
            let k = f.key.key_string();
            let v = &f.value;
            match k.as_str() {
                "name" | "version" | "repository" | "condition" | "alias" if is_collection(v) => {
                    cx.wrong_type(&format!("dependency `{k}`"), v, "a string", "字符串")
                }
                "tags" | "import-values" if v.as_seq().is_none() && !v.is_null() => {
                    cx.wrong_type(&format!("dependency `{k}`"), v, "a list", "列表")
                }
                "enabled"
                    if !v.is_null()
                        && !v
                            .as_scalar()
                            .is_some_and(|s| matches!(s.value, Value::Bool(_))) =>
                {
                    cx.wrong_type(&format!("dependency `{k}`"), v, "a boolean", "布尔值")
                }
                _ => {}
            }
        }
        if !cy.partial
            && item
                .get("name")
                .and_then(helm_text)
                .unwrap_or_default()
                .is_empty()
        {
            cx.lint(
                item.range,
                text!(
                    "a dependency without a `name`: Helm can never find it under `charts/`",
                    "依赖项缺少 `name`：Helm 无法在 `charts/` 中找到它"
                ),
                text!(
                    "add `name: <chart>` to the item",
                    "为该项添加 `name: <chart>`"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::chart::CHART_YAML;
    use crate::rules::tester::{starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(CHART_YAML)
    }

    fn chart(extra: &str) -> String {
        format!("apiVersion: v2\nname: mycloud-product\nversion: 1.0.0\n{extra}")
    }

    #[test]
    fn places() {
        assert_eq!(
            starts(&tester().findings(chart("deprecated: \"yes\"\n"))),
            [(4, 13)]
        );
        assert_eq!(
            starts(&tester().findings(chart("maintainers:\n  - email: a@b.c\n"))),
            [(5, 5)]
        );
        assert_eq!(
            starts(&tester().findings(chart("kubeVersion: 1.20\n"))),
            [(4, 14)]
        );
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                chart("deprecated: yes\nappVersion: \"1.0\"\ntype: application\n"),
                chart("kubeVersion: \">= 1.20, < 2.0\"\nannotations:\n  count: 3\n"),
                chart("dependencies:\n  - name: helm-toolkit\n    version: 0.1\n"),
                chart("icon: mailto:a@b.c\nsources:\n  - https://a.b/c d\nmaintainers:\n  - name: 7\n    url: a.b/c\n"),
            ])
            .fail([
                "- a\n".to_string(),
                chart("description:\n  en: x\n"),
                chart("appVersion:\n"),
                chart("type: Application\n"),
                chart("type: library\n"),
                chart("sources: https://a.b\n"),
                chart("sources:\n  - /src\n"),
                chart("icon: icon.png\n"),
                chart("annotations:\n  a: {b: c}\n"),
                chart("maintainers:\n  -\n"),
                chart("maintainers:\n  - name: A\n    email: a@b\n"),
                chart("maintainers:\n  - name: A\n    url: 'x:'\n"),
                chart("dependencies:\n  - version: 1.0.0\n"),
                chart("dependencies:\n  - name: a\n    enabled: 'yes'\n"),
                chart("kubeVersion: bogus\n"),
            ])
            .test_and_snapshot();
    }
}
