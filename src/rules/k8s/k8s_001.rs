use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::render::kube_apis::{apis, group};
use crate::render::kube_schema::{KubeSchemas, Problem, Violation};
use crate::render::manifests::Object;
use crate::render::semver::Version;
use crate::rules::{Findings, ManifestScope};
use crate::text;
use crate::yaml::{self, Node, YamlLimits};
use std::cell::OnceCell;

declare_rule! {
    /// ## What it does
    /// Checks every rendered object against the schema of its kind for the chosen Kubernetes
    /// version (`--kube-version`, the page's setting; default v1.32.0): an unknown field (with
    /// the nearest known one), a value of the wrong type (a quoted `"2"` for `replicas`, a map
    /// where a list belongs), a required field left out (a Deployment without `selector`), a
    /// value a custom resource's schema does not allow (`enum`). Each at the template line that
    /// wrote it.
    ///
    /// The schemas of Kubernetes' own kinds are the strict JSON schemas of the PyPI package
    /// `kubernetes-validate` (Kubernetes 1.25 to 1.37; a later version is checked against
    /// 1.37's, one before 1.25 not at all), compacted by `scripts/k8s-apis/schemas.py` into
    /// `src/render/kube_schemas/`; the page loads the one version it needs. `null` is accepted
    /// for any field (the API server reads it as "not set"). Scalars are typed as Helm sends
    /// them (YAML 1.1: `yes` is a boolean, `"2"` a string).
    ///
    /// Custom resources are checked against the `openAPIV3Schema` of a CRD the chart ships
    /// (under `crds/` or rendered), read as the API server reads a structural schema: fields it
    /// does not list are unknown unless it keeps them (`x-kubernetes-preserve-unknown-fields`,
    /// `additionalProperties`); where it combines schemas (`anyOf`, `oneOf`…) only its listed
    /// fields are followed. A kind with no schema here (a CRD installed apart, such as
    /// Prometheus' ServiceMonitor, or an ECP kind, whose schema the guide does not give) gets
    /// an info, once per kind, and is not checked. A built-in API the version does not serve is
    /// K8S-002's. At most 20 findings are given per object.
    ///
    /// ## Why
    /// `helm install` validates every object against the cluster's schemas first, and stops at
    /// the first that does not match ("error validating data: ValidationError(Deployment.spec):
    /// unknown field …"); `helm template` and `helm lint` never do. A misspelt or mis-indented
    /// field (`imagePullPolicy` under `resources`) is otherwise found only on the platform.
    ///
    /// ## 中文
    /// 按所选 Kubernetes 版本（`--kube-version`，页面设置；默认 v1.32.0）的 schema 检查每个渲染出的
    /// 对象：未知字段（给出最接近的已知字段）、类型错误（`replicas` 写成带引号的 `"2"`、应为列表处写了
    /// map）、缺少必填字段（Deployment 缺 `selector`）、取值不在自定义资源 schema 允许的范围内
    /// （`enum`），均定位到写出它的模板行。内置类型的 schema 来自 PyPI 包 `kubernetes-validate`
    /// （1.25–1.37）；自定义资源按 chart 自带 CRD（`crds/` 或渲染出的）的 `openAPIV3Schema` 检查；
    /// 没有 schema 的类型（单独安装的 CRD、ECP 自有类型）每种给一条提示，不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/deployment.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   replicas: 2
    ///   selector:
    ///     matchLabels: {app: backend-api}
    ///   template:
    ///     metadata:
    ///       labels: {app: backend-api}
    ///     spec:
    ///       containers:
    ///         - name: api
    ///           image: registry.ecp.local/backend-api:1.2.0
    ///           resources:
    ///             requests: {cpu: 100m, memory: 128Mi}
    ///             imagePullPolicy: IfNotPresent
    /// ```
    /// ```yaml,pass,file=templates/deployment.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   replicas: 2
    ///   selector:
    ///     matchLabels: {app: backend-api}
    ///   template:
    ///     metadata:
    ///       labels: {app: backend-api}
    ///     spec:
    ///       containers:
    ///         - name: api
    ///           image: registry.ecp.local/backend-api:1.2.0
    ///           imagePullPolicy: IfNotPresent
    ///           resources:
    ///             requests: {cpu: 100m, memory: 128Mi}
    /// ```
    RULE = "K8S-001", K8s, Error | Info, "§1.1.6.2",
    "Rendered object does not match its kind's schema", "渲染出的对象不符合其类型的 schema",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let manifests = scope.manifests;
    let Some(version) = Version::parse(&manifests.kube_version) else {
        return;
    };
    let apis = apis();
    if version.major != 1 || version.minor < apis.first {
        return; // no schemas for it
    }
    let crds = OnceCell::new();
    let mut unchecked: Vec<(&str, &str)> = Vec::new();
    let mut schemas_missing = false;
    for (index, doc) in manifests.rendered.documents.iter().enumerate() {
        let (api, kind) = (doc.api_version.as_str(), doc.kind.as_str());
        if api.is_empty() || kind.is_empty() {
            continue;
        }
        let built_in = apis.built_in(group(api));
        let schemas: &KubeSchemas = if built_in {
            match manifests.schemas.as_deref() {
                Some(schemas) if schemas.has(api, kind) => schemas,
                Some(_) => continue, // not served: K8S-002's
                None => {
                    schemas_missing = true;
                    continue;
                }
            }
        } else {
            let crds = crds.get_or_init(|| chart_crds(scope));
            if !crds.has(api, kind) {
                if !unchecked.contains(&(api, kind)) {
                    unchecked.push((api, kind));
                    if let Some(object) = manifests.object(index) {
                        scope
                            .report_object(
                                out,
                                &object,
                                text!(
                                    "`{api}` {kind} is not checked: no schema for it (its CRD is not in the chart)",
                                    "`{api}` {kind} 未检查：没有它的 schema（其 CRD 不在 chart 中）"
                                ),
                            )
                            .severity(Severity::Info);
                    }
                }
                continue;
            }
            crds
        };
        let Some(object) = manifests.object(index) else {
            continue;
        };
        let at = object
            .root
            .entry("kind")
            .map_or(object.root.range, |e| e.key.range);
        for violation in schemas
            .validate(api, kind, object.root, at)
            .unwrap_or_default()
        {
            report(scope, out, &object, &violation, &schemas.version);
        }
    }
    if schemas_missing {
        let shown = format!("1.{}", version.minor);
        if let Some(object) =
            (0..manifests.rendered.documents.len()).find_map(|i| manifests.object(i))
        {
            scope
                .report_object(
                    out,
                    &object,
                    text!(
                        "the Kubernetes {shown} schemas could not be loaded: objects are not checked against them",
                        "无法加载 Kubernetes {shown} 的 schema：对象未按其检查"
                    ),
                )
                .severity(Severity::Info);
        }
    }
}

fn report(
    scope: &ManifestScope,
    out: &mut Findings,
    object: &Object,
    v: &Violation,
    version: &str,
) {
    let kind = object.kind();
    let (place_en, place_zh) = if v.path.is_empty() {
        (kind.to_string(), kind.to_string())
    } else {
        (format!("`{}`", v.path), format!("`{}`", v.path))
    };
    let schema = if version.is_empty() {
        text!("its CRD's schema", "其 CRD 的 schema")
    } else {
        text!(
            "the Kubernetes {version} schema",
            "Kubernetes {version} 的 schema"
        )
    };
    let (schema_en, schema_zh) = (&schema.en, &schema.zh);
    let (message, help) = match &v.problem {
        Problem::UnknownField {
            field,
            suggestion,
            belongs,
        } => {
            let (hint_en, hint_zh) = match (belongs, suggestion) {
                (Some(home), _) => {
                    let (home_en, home_zh) = match home.as_str() {
                        "" => (
                            "the object's top level".to_string(),
                            "对象的顶层".to_string(),
                        ),
                        home => (format!("`{home}`"), format!("`{home}`")),
                    };
                    (
                        format!(" (it belongs in {home_en}: check its indentation)"),
                        format!("（它应位于 {home_zh}：请检查缩进）"),
                    )
                }
                (None, Some(s)) => (
                    format!(" (did you mean `{s}`?)"),
                    format!("（是否应为 `{s}`？）"),
                ),
                (None, None) => (String::new(), String::new()),
            };
            (
                text!(
                    "unknown field `{field}` in {place_en}{hint_en}",
                    "{place_zh} 中有未知字段 `{field}`{hint_zh}"
                ),
                text!(
                    "{schema_en} has no `{field}` here: fix its name or its indentation",
                    "{schema_zh} 在此处没有 `{field}`：请修正字段名或缩进"
                ),
            )
        }
        Problem::WrongType { expected, found } => {
            let (expected_en, expected_zh) =
                (type_names(expected, false), type_names(expected, true));
            let (found_en, found_zh) = (type_names(found, false), type_names(found, true));
            let help = match *found {
                "string" if expected.contains("integer") || expected.contains("number") => text!(
                    "a number in quotes is a string: drop the quotes (or `| int` in the template)",
                    "带引号的数字是字符串：去掉引号（或在模板中使用 `| int`）"
                ),
                "boolean" if expected.contains("string") => text!(
                    "YAML reads `yes`/`no`/`on`/`off`/`true`/`false` as booleans: quote it (`| quote`)",
                    "YAML 把 `yes`/`no`/`on`/`off`/`true`/`false` 读作布尔值：请加引号（`| quote`）"
                ),
                _ => text!(
                    "write it as {schema_en} says, or check its indentation",
                    "请按 {schema_zh} 书写，或检查缩进"
                ),
            };
            (
                text!(
                    "{place_en} must be {expected_en}, not {found_en}",
                    "{place_zh} 应为{expected_zh}，而不是{found_zh}"
                ),
                help,
            )
        }
        Problem::MissingField { field } => (
            text!(
                "{place_en} lacks the required field `{field}`",
                "{place_zh} 缺少必填字段 `{field}`"
            ),
            text!(
                "{schema_en} requires `{field}`",
                "{schema_zh} 要求 `{field}`"
            ),
        ),
        Problem::NotAllowed { value, allowed } => {
            let allowed = allowed.join("`, `");
            (
                text!(
                    "{place_en} is `{value}`: allowed are `{allowed}`",
                    "{place_zh} 为 `{value}`：允许的取值为 `{allowed}`"
                ),
                text!("use one of the allowed values", "请使用允许的取值之一"),
            )
        }
    };
    scope.report(out, object, v.range, message).help(help);
}

/// `integer or string` as `an integer or a string` / `整数或字符串`.
fn type_names(types: &str, zh: bool) -> String {
    let name = |t: &str| -> &'static str {
        match (t, zh) {
            ("object", false) => "a map",
            ("array", false) => "a list",
            ("string", false) => "a string",
            ("integer", false) => "an integer",
            ("number", false) => "a number",
            ("boolean", false) => "a boolean",
            ("object", true) => "map",
            ("array", true) => "列表",
            ("string", true) => "字符串",
            ("integer", true) => "整数",
            ("number", true) => "数字",
            ("boolean", true) => "布尔值",
            _ => "?",
        }
    };
    let names: Vec<&str> = types.split(" or ").map(name).collect();
    names.join(if zh { "或" } else { " or " })
}

/// The schemas of the CRDs the chart ships: the rendered `CustomResourceDefinition`s and the
/// files of its `crds/` (which Helm installs before the templates).
fn chart_crds(scope: &ManifestScope) -> KubeSchemas {
    let rendered: Vec<&Node> = scope
        .manifests
        .objects_of(&["CustomResourceDefinition"])
        .map(|o| o.root)
        .collect();
    let files: Vec<Node> = crd_files(scope.chart)
        .flat_map(|text| yaml::parse(text, YamlLimits::default()).docs)
        .filter(|d| d.get("kind").and_then(Node::as_str) == Some("CustomResourceDefinition"))
        .collect();
    KubeSchemas::from_crds(rendered.into_iter().chain(&files))
}

fn crd_files<'a>(chart: &'a Chart) -> impl Iterator<Item = &'a str> + 'a {
    let dir = chart.path("crds/");
    chart
        .files
        .iter()
        .filter(move |f| f.path.starts_with(&dir))
        .filter(|f| {
            [".yaml", ".yml", ".json"]
                .iter()
                .any(|e| f.path.ends_with(e))
        })
        .filter_map(|f| crate::chart::decode(f))
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::Tester;

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("templates/deployment.yaml")
    }

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n        - name: a\n          image: x:1\n";

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                DEPLOYMENT,
                // Quantities and int-or-strings as numbers or strings; nulls anywhere.
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: ~\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n",
                // An object whose API the version does not serve is K8S-002's.
                "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: a\nspec:\n  backend: {serviceName: a}\n",
            ])
            .fail([
                // A quoted number; a label value that YAML reads as a boolean.
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n    enabled: yes\nspec:\n  ports:\n    - port: \"80\"\n",
                // A map where a list belongs; a required field left out.
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n    port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  template: {}\n",
            ])
            .test_and_snapshot();
    }

    #[test]
    fn an_unknown_field_names_the_nearest_known_one() {
        let d = tester().one(&DEPLOYMENT.replace(
            "image: x:1",
            "image: x:1\n          imagePullPolicyy: Always",
        ));
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.en.contains("unknown field `imagePullPolicyy` in `spec.template.spec.containers[0]` (did you mean `imagePullPolicy`?)"), "{}", d.message.en);
        assert_eq!(d.range.unwrap().start.line, 13);
    }

    #[test]
    fn custom_resources_follow_the_charts_crds() {
        let crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: integer}\n";
        let tester = || {
            Tester::new(&super::RULE)
                .with("crds/widget.yaml", crd)
                .file("templates/widget.yaml")
        };
        let d = tester().one(
            "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  size: big\n",
        );
        assert!(
            d.message
                .en
                .contains("`spec.size` must be an integer, not a string"),
            "{}",
            d.message.en
        );
        tester()
            .pass(["apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  size: 3\n"])
            .test();
    }

    #[test]
    fn a_kind_without_a_schema_is_an_info_once() {
        let d = tester().one("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: a\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: b\n");
        assert_eq!(d.severity, Severity::Info);
        assert!(d.message.en.contains("is not checked"), "{}", d.message.en);
    }
}
