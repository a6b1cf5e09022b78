use crate::chart::JOB_HOOKS;
use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reads the `DEPENDENCY_SERVICE` variable of the install check Job — the workloads
    /// rendered from the product's own `templates/job-hooks.yaml` — and reports, at the value,
    /// each `namespace:service` item whose namespace is not the product's install namespace,
    /// and each service no rendered `Service` of the product defines. An item without
    /// `namespace:` is in the install namespace (kubernetes-entrypoint reads it so). Services
    /// are not judged when a template that may define one did not render. Only ECP products
    /// (charts with `_acl_helpers.yaml.tpl`) are checked.
    ///
    /// ## Why
    /// §1.1.6.8: the platform marks the product installed when this Job completes, and fails
    /// the install after 30 minutes. The Job waits, through kubernetes-entrypoint, until every
    /// listed Service has ready endpoints: a Service in another namespace or one that does not
    /// exist never becomes ready. The guide's own custom check Job hard-codes
    /// `mycloud-product:dashboard-api` — copied into a product installed elsewhere, or with its
    /// line broken as printed (`mycloud-\nproduct:dashboard-web` reads `mycloud- product`), the
    /// install times out. The install namespace is `_acl_helpers`' `data.namespace`, else the
    /// product ID.
    ///
    /// ## 中文
    /// 读取安装检查 Job（由云产品自身的 `templates/job-hooks.yaml` 渲染出的工作负载）的
    /// `DEPENDENCY_SERVICE`，报告命名空间不是云产品安装命名空间的 `namespace:service` 项，以及云产品
    /// 没有定义的 Service。检查 Job 会一直等待所列 Service 就绪，这样的项永远不会就绪，安装在 30 分钟
    /// 后超时失败。指南的自定义检查 Job 示例写死了 `mycloud-product:` 命名空间。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/job-hooks.yaml
    /// apiVersion: batch/v1
    /// kind: Job
    /// metadata:
    ///   name: {{ .Release.Name }}-ecpbackendcheck
    /// spec:
    ///   template:
    ///     spec:
    ///       restartPolicy: OnFailure
    ///       containers:
    ///         - name: init
    ///           image: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    ///           env:
    ///             - name: DEPENDENCY_SERVICE
    ///               value: other-product:backend-api
    /// ```
    /// ```yaml,pass,file=templates/job-hooks.yaml
    /// apiVersion: batch/v1
    /// kind: Job
    /// metadata:
    ///   name: {{ .Release.Name }}-ecpbackendcheck
    /// spec:
    ///   template:
    ///     spec:
    ///       restartPolicy: OnFailure
    ///       containers:
    ///         - name: init
    ///           image: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    ///           env:
    ///             - name: DEPENDENCY_SERVICE
    ///               value: {{ .Release.Namespace }}:backend-api
    /// ```
    RULE = "JOB-005", Job, Warning, "§1.1.6.8",
    "Check Job waits for a Service it cannot see", "检查 Job 等待的 Service 不可达",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    if scope.chart.acl.is_none() {
        return;
    }
    let namespace = scope.manifests.namespace.as_str();
    let services: Vec<&str> = scope.of_kind(&["Service"]).map(|s| s.name()).collect();
    let judge_services = !scope.unrendered_may_define("Service");
    let own_check = |source: &str| {
        source.ends_with(JOB_HOOKS)
            && source.matches('/').count() == JOB_HOOKS.matches('/').count() + 1
    };
    let workloads = scope.of_kind(crate::render::manifests::POD_KINDS);
    for object in workloads.filter(|o| own_check(&o.doc.source)) {
        for (container, _) in object.containers() {
            let env = container
                .get("env")
                .and_then(|e| e.as_seq())
                .unwrap_or_default();
            let Some(value) = env
                .iter()
                .find(|v| v.get("name").and_then(|n| n.as_str()) == Some("DEPENDENCY_SERVICE"))
                .and_then(|v| v.get("value"))
            else {
                continue;
            };
            let Some(list) = value.as_str() else { continue };
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let (ns, service) = item.split_once(':').unwrap_or((namespace, item));
                let message = if ns != namespace {
                    text!(
                        "the check Job waits for `{item}` in namespace `{ns}`, but the product installs into `{namespace}`: the check never passes and the install times out after 30 minutes",
                        "检查 Job 等待命名空间 `{ns}` 中的 `{item}`，而云产品安装在 `{namespace}`：检查永远不会通过，安装将在 30 分钟后超时"
                    )
                } else if judge_services && !services.contains(&service) {
                    text!(
                        "the check Job waits for Service `{service}`, which no template of the product defines: the check never passes and the install times out after 30 minutes",
                        "检查 Job 等待 Service `{service}`，但云产品的模板没有定义它：检查永远不会通过，安装将在 30 分钟后超时"
                    )
                } else {
                    continue;
                };
                scope.report(out, &object, value.range, message).help(text!(
                    "list the product's own Services as `{{{{ .Release.Namespace }}}}:<service>`",
                    "以 `{{{{ .Release.Namespace }}}}:<service>` 的形式列出云产品自身的 Service"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, with, Case, Tester};

    fn check_job(value: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: check\nspec:\n  template:\n    spec:\n      containers:\n        - name: init\n          image: e:v0.2.1\n          env:\n            - name: DEPENDENCY_SERVICE\n              value: {value}\n"
        )
    }

    fn tester() -> Tester {
        Tester::new(&super::RULE).file("templates/job-hooks.yaml")
    }

    #[test]
    fn at_the_value() {
        let d = tester().findings(check_job("other:backend-api"));
        assert_eq!(starts(&d), vec![(13, 22)]);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass([
                Case::from(check_job("{{ .Release.Namespace }}:backend-api")),
                Case::from(check_job("backend-api")),
                // Not the check Job: another template's DEPENDENCY_SERVICE is its own business.
                with("templates/job-other.yaml", check_job("other:x")),
            ])
            .fail([
                check_job("other:backend-api"),
                check_job("{{ .Release.Namespace }}:missing-api"),
                check_job(
                    "\"mycloud-product:backend-api,mycloud-\n                product:backend-api\"",
                ),
            ])
            .test_and_snapshot();
    }
}
