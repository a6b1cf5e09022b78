use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::render::manifests::Object;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// In a product (a chart with `_acl_helpers.yaml.tpl`): reports an API Ingress — one whose
    /// paths or backend Services say `api` — that carries the
    /// `ingress.kubernetes.io/custom-http-errors` annotation (or nginx's
    /// `nginx.ingress.kubernetes.io/custom-http-errors`), at the annotation (error); notes a
    /// dashboard or UI Ingress (`dashboard`, `ui`, `console`, `portal`, and not `api`) without it
    /// (info). The words of the product ID itself (`orbit-console`) are not read as either.
    ///
    /// ## Why
    /// §1.1.6.7 注意: only the dashboard and other pages get custom error pages. On an API, nginx
    /// replaces the service's error responses (JSON bodies with the reason) with its error
    /// page, and clients and developers can no longer see why a call failed.
    ///
    /// ## 中文
    /// 云产品的 API Ingress（路径或 backend Service 含 `api`）带有
    /// `ingress.kubernetes.io/custom-http-errors` 注解（错误）：nginx 会拦截 API 的错误信息，
    /// 无法快速定位问题（§1.1.6.7）。dashboard/界面类 Ingress 没有该注解时给出提示。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/ingress-api.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
    ///   annotations:
    ///     kubernetes.io/ingress.class: "nginx"
    ///     ingress.kubernetes.io/custom-http-errors: 404,500
    /// spec:
    ///   rules:
    ///     - http:
    ///         paths:
    ///           - path: /mycloud-product/api/
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: backend-api
    ///                 port:
    ///                   name: http-api
    /// ```
    /// ```yaml,pass,file=templates/ingress-api.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
    ///   annotations:
    ///     kubernetes.io/ingress.class: "nginx"
    /// spec:
    ///   rules:
    ///     - http:
    ///         paths:
    ///           - path: /mycloud-product/api/
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: backend-api
    ///                 port:
    ///                   name: http-api
    /// ```
    RULE = "ING-002", Ing, Error | Info, "§1.1.6.7",
    "Custom error pages on an API Ingress", "API Ingress 配置了自定义错误页",
    Manifests(check)
}

const ANNOTATIONS: &[&str] = &[
    "ingress.kubernetes.io/custom-http-errors",
    "nginx.ingress.kubernetes.io/custom-http-errors",
];

fn check(scope: &ManifestScope, out: &mut Findings) {
    if scope.chart.acl.is_none() {
        return;
    }
    for ingress in scope.of_kind(&["Ingress"]) {
        let words = route_words(&ingress);
        // The product ID's own words (`orbit-console`) say nothing about the route.
        let product = scope.chart.name();
        let own: Vec<&str> = segments(&product).collect();
        let says = |w: &[&str]| {
            words
                .iter()
                .any(|s| segments(s).any(|seg| w.contains(&seg) && !own.contains(&seg)))
        };
        let annotations = ingress.root.get_path(&["metadata", "annotations"]);
        let annotation = ANNOTATIONS
            .iter()
            .find_map(|a| annotations.and_then(|n| n.entry(a)));
        match annotation {
            Some(entry) if says(&["api"]) => {
                scope
                    .report(
                        out,
                        &ingress,
                        entry.key.range,
                        text!(
                            "an API Ingress with custom error pages: nginx hides the API's error responses",
                            "API Ingress 配置了自定义错误页：nginx 会拦截 API 的错误信息"
                        ),
                    )
                    .help(text!(
                        "remove the annotation from API Ingresses; keep it for dashboards and pages",
                        "从 API Ingress 中删除该注解，仅给 dashboard 等界面保留"
                    ));
            }
            None if !says(&["api"]) && says(&["dashboard", "ui", "console", "portal"]) => {
                scope
                    .report_object(
                        out,
                        &ingress,
                        text!(
                            "a dashboard Ingress without `ingress.kubernetes.io/custom-http-errors`: users see nginx's bare error pages",
                            "dashboard Ingress 没有 `ingress.kubernetes.io/custom-http-errors`：用户会看到 nginx 的原始错误页"
                        ),
                    )
                    .severity(Severity::Info);
            }
            _ => {}
        }
    }
}

/// The Ingress's paths and backend Service names.
fn route_words<'m>(ingress: &Object<'m>) -> Vec<&'m str> {
    let rules = ingress
        .root
        .get_path(&["spec", "rules"])
        .and_then(|r| r.as_seq());
    let paths = rules
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.get_path(&["http", "paths"])?.as_seq())
        .flatten()
        .filter_map(|p| p.get("path")?.as_str());
    let services = super::backend_services(ingress)
        .into_iter()
        .filter_map(|n| n.as_str());
    paths.chain(services).collect()
}

/// The words of a path or name (`/p/api/v1` → `p`, `api`, `v1`; `backend-api` → `backend`, `api`).
fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }

    #[test]
    fn the_product_ids_words_say_nothing() {
        // A product named like a UI (`orbit-console`) with an API Ingress: no dashboard info.
        let ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: console-api\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /mycloud-product/api/\n            pathType: Prefix\n            backend:\n              service:\n                name: console-api\n                port:\n                  number: 80\n";
        Tester::new(&super::RULE)
            .file("templates/ingress-api.yaml")
            .pass([ingress])
            .test();
    }

    #[test]
    fn a_dashboard_without_error_pages_is_an_info() {
        let d = Tester::new(&super::RULE).file("templates/ingress-api.yaml").one(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: dashboard\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /mycloud-product/dashboard/\n            pathType: Prefix\n            backend:\n              service:\n                name: dashboard\n                port:\n                  number: 80\n",
        );
        assert_eq!(d.severity, Severity::Info);
    }
}
