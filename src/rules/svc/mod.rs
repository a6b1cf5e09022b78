//! SVC — the product's Services (§1.1.6.7), read from the rendered manifests.

pub mod svc_001;
pub mod svc_002;
