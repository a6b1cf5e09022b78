//! What the rendered pods use (issue 10): the resources their workloads request — requests and
//! limits × replicas — and the images they run, each with its place. The report carries them
//! as `charts[].rendered_resources` and `charts[].images`; RES-009 and IMG-001 read them.

use super::image::ImageRef;
use super::manifests::{place, Manifests, Object, POD_KINDS};
use crate::chart::resources::quantity::{cpu_m, memory_mi, node_milli};
use crate::chart::Chart;
use crate::yaml::{Node, Value};
use serde::Serialize;

/// The rendered workloads' resources (`charts[].rendered_resources`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RenderedResources {
    /// Requests of every long-running workload × its replicas (a DaemonSet counted once).
    pub cpu_m: u64,
    pub memory_mi: u64,
    pub limit_cpu_m: u64,
    pub limit_memory_mi: u64,
    /// Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Pods.
    pub workloads: Vec<WorkloadResources>,
    /// Jobs and CronJobs: run to completion, so not in the totals.
    pub jobs: Vec<WorkloadResources>,
}

/// One workload's pods: per pod, and the replicas counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadResources {
    pub kind: String,
    pub name: String,
    /// The template that wrote it (`app/templates/x.yaml`).
    pub source: String,
    pub replicas: u64,
    /// One pod's requests and limits (containers summed; an init container counts when it
    /// asks for more than the containers together, as the scheduler counts).
    pub cpu_m: u64,
    pub memory_mi: u64,
    pub limit_cpu_m: u64,
    pub limit_memory_mi: u64,
}

/// One image a rendered container runs (`charts[].images`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageUse {
    pub image: String,
    pub registry: String,
    pub repository: String,
    pub tag: String,
    pub digest: String,
    /// `Kind/name` of the object, and the container.
    pub object: String,
    pub container: String,
    pub init: bool,
    /// The template line that wrote it (in the input's files; 0 when unknown).
    pub file: String,
    pub line: usize,
}

const WORKLOADS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Pod",
];
const JOBS: &[&str] = &["Job", "CronJob"];

/// The resources the rendered workloads of `manifests` request.
pub fn rendered_resources(manifests: &Manifests) -> RenderedResources {
    let mut out = RenderedResources::default();
    for object in manifests.objects_of(POD_KINDS) {
        let kind = object.kind();
        let is_job = JOBS.contains(&kind);
        if !is_job && !WORKLOADS.contains(&kind) {
            continue;
        }
        let Some(pod) = object.pod_spec() else {
            continue;
        };
        let replicas = match kind {
            "DaemonSet" | "Pod" | "Job" | "CronJob" => 1,
            _ => object
                .root
                .get_path(&["spec", "replicas"])
                .and_then(whole_number)
                .unwrap_or(1),
        };
        let (requests, limits) = (pod_total(pod, "requests"), pod_total(pod, "limits"));
        let workload = WorkloadResources {
            kind: kind.to_string(),
            name: object.name().to_string(),
            source: object.doc.source.clone(),
            replicas,
            cpu_m: cpu_m(requests.0),
            memory_mi: memory_mi(requests.1),
            limit_cpu_m: cpu_m(limits.0),
            limit_memory_mi: memory_mi(limits.1),
        };
        if is_job {
            out.jobs.push(workload);
            continue;
        }
        out.cpu_m += workload.cpu_m * replicas;
        out.memory_mi += workload.memory_mi * replicas;
        out.limit_cpu_m += workload.limit_cpu_m * replicas;
        out.limit_memory_mi += workload.limit_memory_mi * replicas;
        out.workloads.push(workload);
    }
    out
}

/// One pod's cpu and memory (milli-units) under `resources.<which>`: the containers summed, or
/// the largest init container when that is more (the scheduler's effective request).
fn pod_total(pod: &Node, which: &str) -> (u128, u128) {
    let of = |c: &Node, key: &str| {
        c.get_path(&["resources", which, key])
            .and_then(|n| node_milli(n).ok().flatten())
            .unwrap_or(0)
    };
    let list = |key: &str| pod.get(key).and_then(|n| n.as_seq()).unwrap_or_default();
    let sum = |key: &str| list("containers").iter().map(|c| of(c, key)).sum::<u128>();
    let init = |key: &str| {
        list("initContainers")
            .iter()
            .map(|c| of(c, key))
            .max()
            .unwrap_or(0)
    };
    (
        sum("cpu").max(init("cpu")),
        sum("memory").max(init("memory")),
    )
}

fn whole_number(node: &Node) -> Option<u64> {
    match node.as_scalar()?.value {
        Value::Int(n) => u64::try_from(n).ok(),
        Value::Float(f) if f >= 0.0 && f.fract() == 0.0 => Some(f as u64),
        _ => None,
    }
}

/// Every image the rendered containers of `manifests` run, in Helm's order.
pub fn images(chart: &Chart, manifests: &Manifests) -> Vec<ImageUse> {
    let mut out = Vec::new();
    for object in manifests.objects_of(POD_KINDS) {
        for (container, init) in object.containers() {
            if let Some(image) = image_use(chart, &object, container, init) {
                out.push(image);
            }
        }
    }
    out
}

fn image_use(chart: &Chart, object: &Object, container: &Node, init: bool) -> Option<ImageUse> {
    let node = container.get("image")?;
    let image = node.as_str().filter(|s| !s.is_empty())?;
    let r = ImageRef::parse(image);
    let at = place(chart, object, node.range);
    Some(ImageUse {
        image: image.to_string(),
        registry: r.registry.to_string(),
        repository: r.repository.to_string(),
        tag: r.tag.to_string(),
        digest: r.digest.to_string(),
        object: object.label(),
        container: container
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_string(),
        init,
        file: at.file,
        line: at.range.map_or(0, |r| r.start.line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Document;
    use crate::render::Rendered;

    fn manifests(docs: &[(&str, &str)]) -> Manifests {
        let documents = docs
            .iter()
            .map(|(kind, text)| Document {
                source: "app/templates/x.yaml".into(),
                api_version: String::new(),
                kind: kind.to_string(),
                name: "w".into(),
                namespace: String::new(),
                hook: None,
                text: text.to_string(),
                lines: Vec::new(),
                crd: false,
                parsed: None,
            })
            .collect();
        Manifests::of(Rendered {
            documents,
            ..Rendered::default()
        })
    }

    #[test]
    fn requests_times_replicas_jobs_apart() {
        let m = manifests(&[
            (
                "Deployment",
                "kind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 200m}}\n        - resources: {requests: {cpu: 0.5, memory: 1Gi}}\n",
            ),
            (
                "DaemonSet",
                "kind: DaemonSet\nspec:\n  template:\n    spec:\n      initContainers:\n        - resources: {requests: {cpu: 2, memory: 64Mi}}\n      containers:\n        - resources: {requests: {cpu: 100m, memory: 100Mi}}\n",
            ),
            (
                "Job",
                "kind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - resources: {requests: {cpu: 1, memory: 1Gi}}\n",
            ),
        ]);
        let r = rendered_resources(&m);
        assert_eq!(r.workloads.len(), 2);
        assert_eq!(
            (r.workloads[0].cpu_m, r.workloads[0].memory_mi),
            (600, 1152)
        );
        // The init container asks for more cpu than the containers: it counts.
        assert_eq!(
            (r.workloads[1].cpu_m, r.workloads[1].memory_mi),
            (2000, 100)
        );
        assert_eq!((r.cpu_m, r.memory_mi), (3 * 600 + 2000, 3 * 1152 + 100));
        assert_eq!(r.limit_cpu_m, 3 * 200);
        assert_eq!(r.jobs.len(), 1);
    }
}
