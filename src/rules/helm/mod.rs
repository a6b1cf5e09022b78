//! HELM — what `helm lint` would also say.

pub mod helm_001;
pub mod helm_003;
pub mod helm_004;
