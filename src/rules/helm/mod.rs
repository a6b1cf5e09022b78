//! HELM — what `helm lint` and `helm template` would also say.

pub mod helm_001;
pub mod helm_002;
pub mod helm_003;
pub mod helm_004;
pub mod helm_005;
pub mod helm_006;
pub mod helm_007;
pub mod helm_008;
pub mod helm_009;
pub mod helm_010;
pub mod helm_011;
mod template_errors;
