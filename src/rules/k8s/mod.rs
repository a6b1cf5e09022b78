//! K8S — the rendered objects against the Kubernetes API.

pub mod k8s_001;
pub mod k8s_002;
pub mod k8s_003;
