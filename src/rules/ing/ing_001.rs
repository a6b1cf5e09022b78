use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::{Findings, ManifestScope};
use crate::text;
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Reports the Ingress paths of a product (a chart with `_acl_helpers.yaml.tpl`) whose first
    /// path segment differs from the one most of its paths use (error, at each such path);
    /// when they all share one, notes it if it is not the product ID (info).
    ///
    /// ## Why
    /// §1.1.6.7: "为了隔离各个云产品的路由，云产品的Ingress需要有一个统一的云产品路径前缀" — the
    /// platform's ingress is shared by every product, so each product keeps under its own
    /// prefix (`/my-cloud-product/api/`, `/my-cloud-product/dashboard/`). A path outside it
    /// (`/api/`, `/`) can take another product's routes or be taken by them. The guide uses
    /// the product ID as the prefix; another shared prefix works, hence only an info.
    ///
    /// ## 中文
    /// 云产品（含 `_acl_helpers.yaml.tpl` 的 chart）的 Ingress 路径的第一段与多数路径使用的不同
    /// （错误，标在每个这样的路径上）；全部相同但不是产品 ID 时给出提示。§1.1.6.7 要求云产品的
    /// Ingress 使用统一的路径前缀，以隔离各云产品的路由。
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
    ///                 name: backend-api
    ///                 port:
    ///                   name: http-api
    ///           - path: /api/v2/
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: backend-api
    ///                 port:
    ///                   name: http-api
    ///           - path: /mycloud-product/docs/
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
    RULE = "ING-001", Ing, Error | Info, "§1.1.6.7",
    "Ingress paths without one product prefix", "Ingress 路径没有统一的云产品前缀",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    if scope.chart.acl.is_none() {
        return;
    }
    let ingresses: Vec<_> = scope.of_kind(&["Ingress"]).collect();
    let mut paths: Vec<(usize, &Node, &str)> = Vec::new();
    for (i, ingress) in ingresses.iter().enumerate() {
        let rules = ingress
            .root
            .get_path(&["spec", "rules"])
            .and_then(|r| r.as_seq());
        for rule in rules.unwrap_or_default() {
            let items = rule.get_path(&["http", "paths"]).and_then(|p| p.as_seq());
            for node in items
                .unwrap_or_default()
                .iter()
                .filter_map(|p| p.get("path"))
            {
                if let Some(path) = node.as_str() {
                    paths.push((i, node, first_segment(path)));
                }
            }
        }
    }
    let Some(prefix) = most_used(paths.iter().map(|p| p.2)) else {
        return;
    };
    let product = scope.chart.name();
    for &(i, node, segment) in &paths {
        if segment == prefix {
            continue;
        }
        let path = node.as_str().unwrap_or_default();
        scope
            .report(
                out,
                &ingresses[i],
                node.range,
                text!(
                    "path `{path}` is outside the product's path prefix `/{prefix}/`",
                    "路径 `{path}` 不在云产品的路径前缀 `/{prefix}/` 下"
                ),
            )
            .help(text!(
                "put every path of the product under one prefix, `/{product}/…`",
                "把云产品的所有路径都放在同一前缀 `/{product}/…` 下"
            ));
    }
    if paths.iter().all(|p| p.2 == prefix) && !prefix.is_empty() && prefix != product {
        let (i, node, _) = paths[0];
        scope
            .report(
                out,
                &ingresses[i],
                node.range,
                text!(
                    "the product's paths share the prefix `/{prefix}/`, not its ID `/{product}/`",
                    "云产品的路径前缀为 `/{prefix}/`，而不是产品 ID `/{product}/`"
                ),
            )
            .severity(Severity::Info);
    }
}

/// The first segment of a path (`/a/b` → `a`; `/` → ``).
fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// The value used most (the first seen among equals).
fn most_used<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts.iter().find(|c| c.1 == best).map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::Tester;

    const ONE_PATH: &str = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  rules:\n    - http:\n        paths:\n          - path: PATH\n            pathType: Prefix\n            backend:\n              service:\n                name: backend-api\n                port:\n                  number: 80\n";

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }

    #[test]
    fn another_shared_prefix_is_an_info() {
        let d = Tester::new(&super::RULE)
            .file("templates/ingress-api.yaml")
            .one(&ONE_PATH.replace("PATH", "/myproduct/api"));
        assert_eq!(d.severity, Severity::Info);
    }
}
