use crate::declare_rule;
use crate::rules::{Findings, ManifestScope};
use crate::suggest::nearest;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an Ingress backend that names a Service the chart does not render.
    ///
    /// ## Why
    /// The ingress controller has nowhere to send the requests: the product's path answers 503.
    /// A typo between `service-*.yaml` and `ingress-*.yaml` is the usual cause (the guide's
    /// Service is `my-cloud-product-api`, its Ingress also needs exactly that name).
    /// Not checked when a template that did not render (a dependency missing from the input, a
    /// failing template) may define a Service: one with `kind: Service` in its text, or one that
    /// includes a dependency's `*.manifests.*` template (helm-toolkit's `manifests.service`).
    ///
    /// ## 中文
    /// Ingress 的 backend 指向的 Service 不在 chart 渲染出的对象中：入口没有可转发的目标，
    /// 访问云产品路径会得到 503。若某个未渲染的模板可能定义 Service（文本含 `kind: Service`，或
    /// include 了依赖的 `*.manifests.*` 模板），则不检查。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/ingress-api.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
    /// spec:
    ///   rules:
    ///     - http:
    ///         paths:
    ///           - path: /mycloud-product/api/
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: backend-apis
    ///                 port:
    ///                   name: http-api
    /// ```
    /// ```yaml,pass,file=templates/ingress-api.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: backend-api
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
    RULE = "ING-004", Ing, Error, "§1.1.6.7",
    "Ingress backend names no rendered Service", "Ingress 的 backend 指向不存在的 Service",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    if scope.unrendered_may_define("Service") {
        return;
    }
    let services: Vec<&str> = scope.of_kind(&["Service"]).map(|s| s.name()).collect();
    for ingress in scope.of_kind(&["Ingress"]) {
        for node in super::backend_services(&ingress) {
            let name = node.as_str().unwrap_or_default();
            if services.contains(&name) {
                continue;
            }
            let found = scope.report(
                out,
                &ingress,
                node.range,
                text!(
                    "the Ingress sends to Service `{name}`, which the chart does not define",
                    "Ingress 转发到 Service `{name}`，但 chart 中没有定义它"
                ),
            );
            if let Some(near) = nearest(name, &services) {
                found.help(text!("did you mean `{near}`?", "是否应为 `{near}`？"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/ingress-api.yaml")
            .fail([concat!(
                "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n",
                "  backend:\n    serviceName: nowhere\n    servicePort: 80\n"
            )])
            .test_and_snapshot();
    }
}
