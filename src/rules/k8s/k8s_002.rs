use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::render::kube_apis::{apis, group};
use crate::render::semver::Version;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a rendered object whose `apiVersion` and `kind` the chosen Kubernetes version
    /// does not serve (error), naming the version that removed it and the API to use instead;
    /// warns when it is still served but a later version removes it. The version is
    /// `--kube-version` (the page's setting), else Helm's default, v1.32.0.
    ///
    /// Which versions serve which API comes from the JSON schemas of the PyPI package
    /// `kubernetes-validate` (Kubernetes 1.25 to 1.37), turned into `src/render/kube_apis.txt`
    /// by `scripts/k8s-apis/build.py`. An API of a Kubernetes group that no version from 1.25
    /// on serves (`extensions/v1beta1`, `policy/v1beta1` PodSecurityPolicy…) was removed
    /// before 1.25. Kinds of other groups (custom resources, the ECP kinds) are left alone,
    /// and so is a chosen version below 1.25, where the data says nothing.
    ///
    /// ## Why
    /// The API server refuses an object of an API it does not serve: the install fails on the
    /// first one. Charts written for old clusters (the guide's `extensions/v1beta1` Ingress)
    /// break on every upgrade of the platform's Kubernetes.
    ///
    /// ## 中文
    /// 渲染出的对象的 `apiVersion`/`kind` 在所选 Kubernetes 版本中已不再提供（错误），并给出移除它的
    /// 版本和应改用的 API；仍提供但将在后续版本移除时给出警告。版本取 `--kube-version`（页面设置），
    /// 默认为 Helm 的 v1.32.0。数据来自 PyPI 包 `kubernetes-validate` 的 JSON schema（1.25–1.37）。
    /// 自定义资源与 ECP 自有类型不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/pdb.yaml
    /// apiVersion: policy/v1beta1
    /// kind: PodDisruptionBudget
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   minAvailable: 1
    /// ```
    /// ```yaml,pass,file=templates/pdb.yaml
    /// apiVersion: policy/v1
    /// kind: PodDisruptionBudget
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   minAvailable: 1
    /// ```
    RULE = "K8S-002", K8s, Error | Warning, "§1.1.6.2",
    "API version not served by the Kubernetes version", "所选 Kubernetes 版本不提供该 API 版本",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let apis = apis();
    let Some(version) = Version::parse(&scope.manifests.kube_version) else {
        return;
    };
    if version.major != 1 || version.minor < apis.first {
        return; // no data for it
    }
    let minor = version.minor.min(apis.last);
    let shown = format!("1.{}", version.minor);
    // Read from the documents' heads: only an object to report is parsed.
    for (index, doc) in scope.manifests.rendered.documents.iter().enumerate() {
        let (api, kind) = (doc.api_version.as_str(), doc.kind.as_str());
        if api.is_empty() || kind.is_empty() || !apis.built_in(group(api)) {
            continue;
        }
        if apis
            .served
            .get(&format!("{api} {kind}"))
            .is_some_and(|&(first, last)| first <= minor && minor <= last && last == apis.last)
        {
            continue; // served now and later
        }
        let Some(object) = scope.manifests.object(index) else {
            continue;
        };
        let Some(node) = object.root.get("apiVersion") else {
            continue;
        };
        let instead = apis.serving(kind, minor);
        let instead = match instead.as_slice() {
            [] => text!("", ""),
            list => {
                let list = list.join("`, `");
                text!(": use `{list}`", "：请改用 `{list}`")
            }
        };
        let (use_en, use_zh) = (&instead.en, &instead.zh);
        match apis.served.get(&format!("{api} {kind}")) {
            Some(&(first, last)) if first <= minor && minor <= last => {
                if last < apis.last {
                    let removed = last + 1;
                    scope
                        .report(
                            out,
                            &object,
                            node.range,
                            text!(
                                "`{api}` {kind} is deprecated: Kubernetes 1.{removed} no longer serves it{use_en}",
                                "`{api}` {kind} 已弃用：Kubernetes 1.{removed} 起不再提供{use_zh}"
                            ),
                        )
                        .severity(Severity::Warning);
                }
            }
            Some(&(first, last)) => {
                let why = if minor < first {
                    text!(
                        "served from Kubernetes 1.{first}",
                        "Kubernetes 1.{first} 起才提供"
                    )
                } else {
                    text!(
                        "removed in Kubernetes 1.{}",
                        "已在 Kubernetes 1.{} 中移除",
                        last + 1
                    )
                };
                let (why_en, why_zh) = (&why.en, &why.zh);
                scope.report(
                    out,
                    &object,
                    node.range,
                    text!(
                        "Kubernetes {shown} does not serve `{api}` {kind} ({why_en}){use_en}",
                        "Kubernetes {shown} 不提供 `{api}` {kind}（{why_zh}）{use_zh}"
                    ),
                );
            }
            None => {
                let first = apis.first;
                scope.report(
                    out,
                    &object,
                    node.range,
                    text!(
                        "Kubernetes {shown} does not serve `{api}` {kind} (removed before 1.{first}){use_en}",
                        "Kubernetes {shown} 不提供 `{api}` {kind}（在 1.{first} 之前已移除）{use_zh}"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::Tester;

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("templates/pdb.yaml")
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                // Custom resources and ECP kinds are not Kubernetes' to serve.
                "apiVersion: servicecatalog.ecp.com/v1\nkind: CloudProduct\nmetadata:\n  name: x\n",
                "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: x\n",
            ])
            .fail([
                "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n",
                "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n",
            ])
            .test_and_snapshot();
    }

    #[test]
    fn the_guides_ingress_names_its_replacement() {
        let d =
            tester().one("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n");
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.message.en.contains("use `networking.k8s.io/v1`"),
            "{}",
            d.message.en
        );
    }

    #[test]
    fn an_api_removed_later_is_a_warning() {
        // flowcontrol v1beta3 is served by 1.26 to 1.31 and removed in 1.32.
        let mut options = crate::Options::default();
        options.render.kube_version = Some("1.30.0".into());
        let d = tester()
            .options(options)
            .one("apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: x\n");
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.en.contains("Kubernetes 1.32 no longer serves it"),
            "{}",
            d.message.en
        );
    }
}
