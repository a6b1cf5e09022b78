use crate::declare_rule;
use crate::render::kube_apis::group;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports two rendered objects with the same kind, namespace and name (the namespace
    /// being the release's when the object names none), at the second one's name.
    ///
    /// ## Why
    /// Helm refuses to install a release that holds the same object twice, or — when one of
    /// them is a hook — one silently replaces the other. Two templates copied from one another
    /// with the name left as it was are the usual cause.
    ///
    /// ## 中文
    /// 两个渲染出的对象的 kind、namespace 与 name 都相同（未写 namespace 时按 release 的
    /// namespace）。Helm 会拒绝安装，或（其中之一是 hook 时）一个悄悄覆盖另一个。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   ports:
    ///     - port: 80
    /// ---
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   ports:
    ///     - port: 8080
    /// ```
    /// ```yaml,pass,file=templates/service-api.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   ports:
    ///     - port: 80
    /// ```
    RULE = "K8S-003", K8s, Error, "§1.1.6.2",
    "Two rendered objects with one name", "两个渲染对象同名",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let release_namespace = scope.manifests.namespace.as_str();
    // (API group, kind, namespace, name) of each object seen, with its template.
    let mut seen: Vec<((&str, &str, &str, &str), &str)> = Vec::new();
    // Read from the documents' heads: only a repeated object is parsed, to report it.
    for (index, doc) in scope.manifests.rendered.documents.iter().enumerate() {
        let (kind, name) = (doc.kind.as_str(), doc.name.as_str());
        if kind.is_empty() || name.is_empty() {
            continue;
        }
        let namespace = Some(doc.namespace.as_str())
            .filter(|ns| !ns.is_empty())
            .unwrap_or(release_namespace);
        let key = (group(&doc.api_version), kind, namespace, name);
        let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) else {
            seen.push((key, &doc.source));
            continue;
        };
        let Some(object) = scope.manifests.object(index) else {
            continue;
        };
        let range = object
            .root
            .get_path(&["metadata", "name"])
            .map_or(object.root.range, |n| n.range);
        scope
            .report(
                out,
                &object,
                range,
                text!(
                    "{kind} `{name}` is rendered twice (first by {first})",
                    "{kind} `{name}` 被渲染了两次（第一次来自 {first}）"
                ),
            )
            .help(text!(
                "give each object its own name",
                "为每个对象使用不同的名称"
            ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/service-api.yaml")
            .pass([
                // Same name, other kinds or namespaces.
                "kind: Service\nmetadata:\n  name: a\n---\nkind: ConfigMap\nmetadata:\n  name: a\n",
                "kind: Service\nmetadata:\n  name: a\n  namespace: x\n---\nkind: Service\nmetadata:\n  name: a\n  namespace: y\n",
            ])
            .test_and_snapshot();
    }
}
