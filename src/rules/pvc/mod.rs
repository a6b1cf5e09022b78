//! PVC — persistent storage (§1.1.6.6), read from the rendered manifests.

pub mod pvc_001;
pub mod pvc_002;
pub mod pvc_003;
