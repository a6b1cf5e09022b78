//! HOOK rules: the project's hook scripts (§1.1.6.10).
pub mod hook_001;
pub mod hook_002;
pub mod hook_003;
pub mod hook_004;
pub mod hook_005;
pub mod hook_006;
pub mod hook_007;
pub mod hook_008;
pub mod hook_009;
pub mod scripts;
