use crate::chart::resources::ResourceSource;
use crate::declare_rule;
use crate::render::usage::rendered_resources;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Warns when the rendered workloads request more — each pod's requests × its replicas,
    /// a DaemonSet counted once, Jobs left out — than the requirement the platform computes
    /// from values.yaml (or the declared `resource_limit`), for a product that is not exempt.
    /// The finding gives both figures and the workloads that request the most, at the largest.
    ///
    /// ## Why
    /// The platform reserves the requirement it computes (RES-001), not what the pods ask for:
    /// with less reserved than requested, the product's pods stay `Pending` on a full cluster
    /// or crowd out other products. The usual causes: replicas (values.yaml's figure is per
    /// pod), requests written in templates or presets instead of under a `resources` key, and
    /// sidecars or init containers the values do not show.
    ///
    /// ## 中文
    /// 渲染出的工作负载请求的资源（每个 Pod 的 requests × 副本数，DaemonSet 按 1 计，不含 Job）
    /// 超过平台依据 values.yaml（或声明的 `resource_limit`）计算的资源需求（非豁免产品）。平台按
    /// 计算值预留资源，预留不足时 Pod 可能一直 Pending 或挤占其他产品。常见原因：副本数（values
    /// 中的值是单个 Pod 的）、写在模板或预设中的 requests、sidecar 与 init 容器。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/deployment-web.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 3
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: hub.easystack.io/production/mycloud-product-web:5.0.1
    ///           resources:
    ///             requests:
    ///               cpu: 500m
    ///               memory: 1024Mi
    /// ```
    /// ```yaml,pass,file=templates/deployment-web.yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 1
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: hub.easystack.io/production/mycloud-product-web:5.0.1
    ///           resources:
    ///             requests:
    ///               cpu: 500m
    ///               memory: 1024Mi
    /// ```
    RULE = "RES-009", Res, Warning, "§1.1.6.3",
    "Rendered pods request more than the platform reserves", "渲染出的 Pod 请求的资源超过平台预留",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let platform = &scope.chart.resources().resources;
    if platform.source == ResourceSource::Exempt {
        return;
    }
    let rendered = rendered_resources(scope.manifests);
    if rendered.cpu_m <= platform.cpu_m && rendered.memory_mi <= platform.memory_mi {
        return;
    }
    let mut workloads = rendered.workloads.clone();
    slim_sort::sort_by_key(&mut workloads, |w| {
        std::cmp::Reverse((w.cpu_m * w.replicas, w.memory_mi * w.replicas))
    });
    let Some(largest) = workloads.first() else {
        return;
    };
    let kinds = [largest.kind.as_str()];
    let Some(object) = scope
        .manifests
        .objects_of(&kinds)
        .find(|o| o.name() == largest.name)
    else {
        return;
    };
    let list: Vec<String> = workloads
        .iter()
        .filter(|w| w.cpu_m > 0 || w.memory_mi > 0)
        .take(3)
        .map(|w| {
            format!(
                "{}/{} {}×{}m/{}Mi",
                w.kind, w.name, w.replicas, w.cpu_m, w.memory_mi
            )
        })
        .collect();
    let list = list.join(", ");
    let (cpu, mem) = (rendered.cpu_m, rendered.memory_mi);
    let (pcpu, pmem) = (platform.cpu_m, platform.memory_mi);
    scope
        .report_object(
            out,
            &object,
            text!(
                "the rendered pods request {cpu}m / {mem}Mi, the platform reserves {pcpu}m / {pmem}Mi (most: {list})",
                "渲染出的 Pod 请求 {cpu}m / {mem}Mi，平台预留 {pcpu}m / {pmem}Mi（最多的：{list}）"
            ),
        )
        .help(text!(
            "write every request under a `resources` key of values.yaml, or declare `resource_limit` in _acl_helpers.yaml.tpl for what the pods need in all",
            "把所有 requests 写在 values.yaml 的 `resources` 键下，或在 _acl_helpers.yaml.tpl 中用 `resource_limit` 声明 Pod 的总需求"
        ));
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }
}
