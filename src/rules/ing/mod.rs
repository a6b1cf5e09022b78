//! ING — the product's Ingresses (§1.1.6.7), read from the rendered manifests.

pub mod ing_001;
pub mod ing_002;
pub mod ing_003;
pub mod ing_004;

use crate::render::manifests::Object;
use crate::yaml::Node;

/// The Service names an Ingress sends to, with their nodes: `backend.service.name`
/// (`networking.k8s.io/v1`) or `backend.serviceName` (v1beta1), in its rules and its default
/// backend (`defaultBackend`, v1beta1's `backend`).
pub(crate) fn backend_services<'m>(ingress: &Object<'m>) -> Vec<&'m Node> {
    let spec = ingress.root.get("spec");
    let mut backends: Vec<&Node> = ["defaultBackend", "backend"]
        .iter()
        .filter_map(|k| spec?.get(k))
        .collect();
    let rules = spec.and_then(|s| s.get("rules")).and_then(|r| r.as_seq());
    for rule in rules.unwrap_or_default() {
        let paths = rule.get_path(&["http", "paths"]).and_then(|p| p.as_seq());
        backends.extend(
            paths
                .unwrap_or_default()
                .iter()
                .filter_map(|p| p.get("backend")),
        );
    }
    backends
        .into_iter()
        .filter_map(|b| {
            b.get_path(&["service", "name"])
                .or_else(|| b.get("serviceName"))
        })
        .filter(|n| n.as_str().is_some_and(|s| !s.is_empty()))
        .collect()
}
