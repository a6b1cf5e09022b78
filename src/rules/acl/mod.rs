//! ACL rules.
pub mod acl_001;
pub mod acl_002;
pub mod acl_003;
pub mod acl_004;
pub mod acl_005;
pub mod acl_006;
pub mod acl_007;
